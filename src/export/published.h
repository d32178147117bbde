#pragma once
// Every file Attune exports, and its audit rows, go through here: the file and the audit
// trail's "export" rows both happen or neither does.
//
// Order (decided for a data manager): the file is written in full to its temporary file and
// synced; then the audit rows are committed (one IMMEDIATE transaction, synchronous=FULL);
// only then is the file renamed into place. A database that is locked past the busy timeout,
// read-only or full fails before the rename: no file, no row, exit 1. A rename that fails
// after the commit (the folder turned read-only meanwhile) is recorded as "export.failed".
// A crash between the commit and the rename leaves a row for a file that never appeared
// (and a temporary file the next export to that folder removes): the trail may over-report
// a disclosure, it never misses one — a file of patients' data that the trail does not know
// about is the worse failure.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"

namespace attune {
class Store;
}

namespace attune::exports {

class AtomicFile;

// Puts `file` (written, not yet published) in place together with the export rows of
// `sessions` in `store` (Store::record_export(sessions, what)). Throws what failed; on any
// failure before the commit the file is discarded and the target left as it was.
void publish_audited(AtomicFile& file, Store& store, const std::vector<SessionId>& sessions, const std::string& what);

// Writes `bytes` to `path` and records it the same way (install_signal_cleanup() is the
// caller's choice, as for export_audited); "-": the rows first, then the bytes
// on `standard_output` (std::cout when null; once printed they cannot be taken back; the
// row must not be missing).
void write_audited(const std::string& path, std::string_view bytes, Store& store, const std::vector<SessionId>& sessions,
                   const std::string& what, std::ostream* standard_output = nullptr);

// "standard output" for "-", else the path: how the audit trail names the destination.
std::string destination_text(const std::string& path);

}  // namespace attune::exports
