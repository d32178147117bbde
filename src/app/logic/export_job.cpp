#include "app/logic/export_job.h"

#include <exception>

#include "core/error.h"
#include "export/exporter.h"
#include "media/frame_index_reader.h"
#include "store/store.h"

namespace attune {

ExportJob::~ExportJob() { wait(); }

void ExportJob::wait() {
  if (thread_.joinable()) thread_.join();
}

bool ExportJob::start(ExportRequest request) {
  if (running_.load()) return false;
  wait();  // the previous thread has ended: collect it
  done_ = 0;
  total_ = request.sessions.size();
  running_ = true;
  thread_ = std::thread([this, r = std::move(request)]() mutable { run(std::move(r)); });
  return true;
}

std::optional<ExportOutcome> ExportJob::take_outcome() {
  std::lock_guard lock(mutex_);
  std::optional<ExportOutcome> out = std::move(outcome_);
  outcome_.reset();
  return out;
}

bool ExportJob::has_outcome() const {
  std::lock_guard lock(mutex_);
  return outcome_.has_value();
}

void ExportJob::run(ExportRequest request) {
  ExportOutcome outcome;
  try {
    Store store(request.db_path, OpenMode::MustExist, request.actor);
    exports::StoreSource source(store);
    source.set_frames_of([folder = frame_index_folder(request.db_path)](const Recording& r) {
      return recording_frame_index(r, folder);  // variable-rate videos: frames from their index
    });
    request.options.generated_utc = exports::utc_now_text();
    // One thread: the window keeps the other core for the video and the coder. The file and
    // its audit rows: both or neither (export/published.h), as in attune-cli export.
    const exports::ExportResult result = exports::export_audited(
        store, source, request.sessions, request.options, request.output,
        [this](std::size_t done, std::size_t total) {
          done_ = done;
          total_ = total;
        },
        1);
    outcome.ok = true;
    outcome.message = "Exported " + std::to_string(result.sessions) + (result.sessions == 1 ? " session" : " sessions") +
                      " (" + std::to_string(result.events) + " events) to " + request.output + "; audit head " +
                      result.audit_head.abbreviated();
  } catch (const std::exception& e) {
    outcome.message = std::string("Export failed: ") + e.what();
  }
  {
    std::lock_guard lock(mutex_);
    outcome_ = std::move(outcome);
  }
  running_ = false;
}

std::string default_export_name(const exports::ExportOptions& options, const std::vector<SessionId>& sessions) {
  std::string name = exports::to_string(options.what);
  if (options.what == exports::What::Summary && options.format == exports::Format::Csv &&
      options.layout == exports::Layout::Wide)
    name += "-wide";
  name += sessions.size() == 1 ? "-session-" + std::to_string(sessions.front())
                               : "-" + std::to_string(sessions.size()) + "-sessions";
  if (options.deidentify) name += "-deidentified";
  switch (options.format) {
    case exports::Format::Csv: return name + ".csv";
    case exports::Format::Json: return name + ".json";
    case exports::Format::Sdis: return name + ".sds";
    case exports::Format::Html: return name + ".html";
  }
  return name;
}

}  // namespace attune
