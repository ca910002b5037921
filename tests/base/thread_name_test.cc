#include "base/thread_name.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <mutex>
#include <string>
#include <thread>

namespace dl {
namespace {

std::string NameOf(pthread_t t) {
  char name[64] = {};
  if (pthread_getname_np(t, name, sizeof name) != 0) return "?";
  return name;
}

TEST(ThreadNameTest, NamesTheCallingThreadKeepingFifteenBytes) {
  std::string short_name, long_name;
  std::thread([&] {
    NameThisThread("dl-writer");
    short_name = NameOf(pthread_self());
    NameThisThread("dl-a-name-longer-than-the-kernel-keeps");
    long_name = NameOf(pthread_self());
  }).join();
  EXPECT_EQ(short_name, "dl-writer");
  EXPECT_EQ(long_name, "dl-a-name-longe");
}

TEST(ThreadNameTest, NamesAThreadFromTheThreadThatStartedIt) {
  std::mutex mu;
  mu.lock();  // holds the new thread back until it has been named
  std::string seen;
  std::thread t([&] {
    std::lock_guard lock(mu);
    seen = NameOf(pthread_self());
  });
  NameThread(t, "dl-committer");
  mu.unlock();
  t.join();
  EXPECT_EQ(seen, "dl-committer");
}

}  // namespace
}  // namespace dl
