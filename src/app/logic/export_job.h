#pragma once
// An export run off the UI thread: its own Store connection (SQLite connections are not
// shared between threads here), the exporter's atomic file, the audit row, and progress the
// window reads each frame without waiting. No ImGui: tests run it directly.
#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/event.h"
#include "export/writer.h"

namespace attune {

struct ExportRequest {
  std::string db_path;
  std::string actor;
  std::vector<SessionId> sessions;
  exports::ExportOptions options;
  std::string output;  // the file to write (replaced only when the export is complete)
};

struct ExportOutcome {
  bool ok = false;
  std::string message;  // "Exported 3 sessions (120 events) to /path" or the error
};

class ExportJob {
 public:
  ExportJob() = default;
  ~ExportJob();  // waits for a running export: its file is either complete or absent
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  // Starts the export; false (and nothing started) while another one runs.
  bool start(ExportRequest request);
  bool running() const { return running_.load(); }
  // Sessions done and in all, as last reported by the exporter.
  std::size_t done() const { return done_.load(); }
  std::size_t total() const { return total_.load(); }
  // The outcome of the last finished export, once (then nullopt until the next one ends).
  std::optional<ExportOutcome> take_outcome();
  bool has_outcome() const;
  // Blocks until the running export ends (tests; the window never waits).
  void wait();

 private:
  void run(ExportRequest request);

  std::thread thread_;
  std::atomic<bool> running_{false};
  std::atomic<std::size_t> done_{0}, total_{0};
  mutable std::mutex mutex_;
  std::optional<ExportOutcome> outcome_;
};

// "report-session-7.html", "summary-3-sessions.csv": a file name that says what is inside.
std::string default_export_name(const exports::ExportOptions& options, const std::vector<SessionId>& sessions);

}  // namespace attune
