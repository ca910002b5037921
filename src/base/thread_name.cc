#include "base/thread_name.h"

#include <pthread.h>

#include <cstring>
#include <string>

namespace dl {

namespace {

void Name(pthread_t thread, const char* name) {
#if defined(__linux__)
  std::string kept(name, strnlen(name, 15));
  (void)pthread_setname_np(thread, kept.c_str());
#else
  (void)thread;
  (void)name;
#endif
}

}  // namespace

void NameThisThread(const char* name) { Name(pthread_self(), name); }

void NameThread(std::thread& thread, const char* name) { Name(thread.native_handle(), name); }

}  // namespace dl
