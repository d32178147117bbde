// Database open benchmark, run by hand (build-dir/bench_open DB): how long opening a database
// takes with the file's full check on the opening thread (FileCheck::OnOpen, the CLI's) and
// without it (FileCheck::Background, the window's, which runs quick_check_file on another
// thread), and how long that check takes. Make a large file first, e.g. attune-cli --db
// big.db demo, then add pages with sqlite3 (CREATE TABLE pad(x BLOB); INSERT … randomblob).
#include <chrono>
#include <cstdio>
#include <string>

#include "core/error.h"
#include "store/store.h"

using namespace attune;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_open DB\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  try {
    const std::string path = argv[1];
    for (int round = 0; round < 3; ++round) {
      const auto t0 = Clock::now();
      { Store store(path, OpenMode::MustExist, "bench", FileCheck::OnOpen); }
      const auto t1 = Clock::now();
      { Store store(path, OpenMode::MustExist, "bench", FileCheck::Background); }
      const auto t2 = Clock::now();
      const std::string result = quick_check_file(path);
      const auto t3 = Clock::now();
      std::printf("open with check %.1f ms, open for the window %.1f ms, background quick_check %.1f ms (%s)\n",
                  ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), result.c_str());
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
