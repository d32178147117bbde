#include "export/published.h"

#include <exception>
#include <iostream>

#include "export/atomic_file.h"
#include "store/store.h"

namespace attune::exports {

std::string destination_text(const std::string& path) { return path == "-" ? std::string("standard output") : path; }

void publish_audited(AtomicFile& file, Store& store, const std::vector<SessionId>& sessions, const std::string& what) {
  try {
    file.finish();                        // every byte on disk, the target untouched
    store.record_export(sessions, what);  // the rows, committed
  } catch (...) {
    file.discard();
    throw;
  }
  try {
    file.publish();
  } catch (const std::exception& e) {
    // The rows say the file was written; say that it was not. Best effort: the error below
    // is what the caller sees either way.
    try {
      store.record_export(sessions, what, std::string(e.what()));
    } catch (...) {
    }
    throw;
  }
}

void write_audited(const std::string& path, std::string_view bytes, Store& store, const std::vector<SessionId>& sessions,
                   const std::string& what, std::ostream* standard_output) {
  if (path == "-") {
    store.record_export(sessions, what);
    std::ostream& out = standard_output ? *standard_output : std::cout;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    return;
  }
  AtomicFile file(path);
  file.write(bytes);
  publish_audited(file, store, sessions, what);
}

}  // namespace attune::exports
