#pragma once
// The export driver: reads sessions from the store one at a time, computes what the format
// needs, de-identifies when asked, and streams them through a writer into a file that
// appears only when complete (atomic_file.h).
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "export/deidentify.h"
#include "export/writer.h"
#include "store/store.h"

namespace attune::exports {

// One session as read from the store, before any analysis.
struct StoredSession {
  SessionInfo info;
  Recording recording;
  std::shared_ptr<const Scheme> scheme;
  std::vector<Event> events;
  std::map<std::string, int> ratings;  // scale id -> value
  FrameIndex frames;                   // the video's frame index, when the source has one
};

// Loads sessions from a store for export; each stored scheme is parsed once. Not thread-safe:
// the driver reads on one thread and hands the sessions to workers.
class StoreSource {
 public:
  explicit StoreSource(const Store& store) : store_(store) {}

  std::vector<SessionId> all_sessions() const;
  // Error(NotFound) for an unknown session.
  SessionInfo info(SessionId id) const { return store_.session(id); }
  // Error(Storage) when a stored scheme no longer loads.
  std::shared_ptr<const Scheme> scheme(std::int64_t scheme_id);
  StoredSession read(SessionId id);
  // Where read() gets a recording's frame index (e.g. the cache beside the database, else
  // the video file): without it exports use the stored frames.
  void set_frames_of(std::function<FrameIndex(const Recording&)> frames_of) { frames_of_ = std::move(frames_of); }
  // The session as the options want it: with its summary when needed, de-identified when asked.
  ExportSession load(SessionId id, const ExportOptions& options);
  // The database's pseudonyms (built on first use).
  const Pseudonyms& pseudonyms();
  // The audit chain head now (Store::audit_head).
  AuditHead audit_head() const { return store_.audit_head(); }

 private:
  const Store& store_;
  std::map<std::int64_t, std::shared_ptr<const Scheme>> schemes_;
  std::unique_ptr<Pseudonyms> pseudonyms_;
  std::function<FrameIndex(const Recording&)> frames_of_;
};

struct ExportResult {
  std::size_t sessions = 0;
  std::size_t events = 0;
  std::size_t bytes = 0;
  AuditHead audit_head;  // the head the file carries (ExportOptions::audit_head)
};

// Called after each session: (sessions done, sessions in all).
using Progress = std::function<void(std::size_t, std::size_t)>;

// What a worker does with a stored session: summary when needed, de-identification when asked.
// Pure: safe to run on several threads at once. `pseudonyms` may be null unless de-identifying.
ExportSession prepare_session(StoredSession stored, const ExportOptions& options, const Pseudonyms* pseudonyms);

// Checks the options and every session (exists, scheme loads, every --param names a setting
// of some session's scheme) before writing anything, then streams the sessions to `sink`.
// The calling thread reads the sessions from the store and writes them in the order given;
// with `threads` > 1 (0: one per core) the other threads analyse them in between, 1 does
// everything on the calling thread. Throws Error(InvalidInput) for bad
// options or an empty list. Unless the options carry an audit head, the store's head is read
// before the first session and written into the file (every export names its trail).
ExportResult export_sessions(StoreSource& source, const std::vector<SessionId>& ids, const ExportOptions& options,
                             const Sink& sink, const Progress& progress = {}, unsigned threads = 0);

// The audit trail's words for an export: "events csv de-identified to PATH".
std::string export_audit_text(const ExportOptions& options, const std::string& path);

// The same into `path` through an AtomicFile, recorded in `store`'s audit trail (one export
// row per session, export_audit_text) as one step (published.h: both happen or neither; on
// any error the target is left as it was). "-" writes to standard output instead, after the
// rows are committed (no atomicity to offer there). `store` is the database `source` reads.
// Every export to a file goes through here: the CLI's and the window's. Signal handlers are
// the caller's choice (atomic_file.h: install_signal_cleanup, which attune-cli installs).
ExportResult export_audited(Store& store, StoreSource& source, const std::vector<SessionId>& ids,
                            const ExportOptions& options, const std::string& path, const Progress& progress = {},
                            unsigned threads = 0, std::ostream* standard_output = nullptr);

// Now as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now_text();

}  // namespace attune::exports
