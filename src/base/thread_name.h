// Names for Daylight's own threads, as `top -H`, `perf` and `gdb` show them.
#pragma once

#include <thread>

namespace dl {

// Names the calling thread (at most 15 bytes are kept, the kernel's limit). Best effort: a
// platform without thread names ignores it.
void NameThisThread(const char* name);
// Names `thread` from the thread that started it, so the name is there before it runs.
void NameThread(std::thread& thread, const char* name);

}  // namespace dl
