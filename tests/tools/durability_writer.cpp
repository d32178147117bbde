// Test tool: codes point events into one session as fast as it can, printing each new
// event id only after History::apply has returned (the commit is durable). The
// durability test kills it with SIGKILL at random moments and checks every printed id.
// Usage: durability_writer DB SESSION CODE [MAX_EVENTS]
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "store/session_loader.h"
#include "core/error.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: durability_writer DB SESSION CODE [MAX_EVENTS]\n";
    return 2;
  }
  try {
    attune::Store store(argv[1], attune::OpenMode::MustExist);
    attune::LoadedSession session = attune::load_session(store, std::atoll(argv[2]));
    const long max_events = argc > 4 ? std::atol(argv[4]) : 100000;
    const attune::Micros base = session.model->size() * 1000LL;
    for (long i = 0; i < max_events; ++i) {
      attune::AddEvent add;
      add.code = argv[3];
      add.start = base + i * 1000;
      attune::ChangeSet committed = session.history->apply(add);
      std::printf("%lld\n", static_cast<long long>(committed.ops.back().after.id));
      std::fflush(stdout);
    }
  } catch (const attune::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
