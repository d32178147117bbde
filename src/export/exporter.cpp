#include "export/exporter.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <iostream>
#include <set>

#include "core/error.h"
#include "export/atomic_file.h"
#include "export/published.h"
#include "scheme/scheme_loader.h"

namespace attune::exports {

std::vector<SessionId> StoreSource::all_sessions() const {
  std::vector<SessionId> ids;
  for (const SessionInfo& s : store_.sessions()) ids.push_back(s.id);
  return ids;
}

std::shared_ptr<const Scheme> StoreSource::scheme(std::int64_t scheme_id) {
  if (auto it = schemes_.find(scheme_id); it != schemes_.end()) return it->second;
  const SchemeRow row = store_.scheme(scheme_id);
  const std::string label = row.name + "@" + std::to_string(row.version);
  SchemeLoadResult loaded = load_scheme_text(row.json, label);
  if (!loaded.ok())
    throw Error(ErrorKind::Storage, "stored scheme " + label + " no longer loads: " +
                                        (loaded.problems.empty() ? std::string("unknown problem")
                                                                 : loaded.problems.front().to_string()));
  auto scheme = std::make_shared<const Scheme>(std::move(*loaded.scheme));
  schemes_.emplace(scheme_id, scheme);
  return scheme;
}

const Pseudonyms& StoreSource::pseudonyms() {
  if (!pseudonyms_) {
    std::vector<std::pair<std::string, std::string>> pairs;
    std::map<RecordingId, std::string> dyads;
    for (const SessionInfo& s : store_.sessions()) {
      auto it = dyads.find(s.recording_id);
      if (it == dyads.end()) it = dyads.emplace(s.recording_id, store_.recording(s.recording_id).dyad).first;
      pairs.emplace_back(it->second, s.coder);
    }
    pseudonyms_ = std::make_unique<Pseudonyms>(make_pseudonyms(pairs));
  }
  return *pseudonyms_;
}

StoredSession StoreSource::read(SessionId id) {
  StoredSession s;
  s.info = store_.session(id);
  s.recording = store_.recording(s.info.recording_id);
  s.scheme = scheme(s.info.scheme_id);
  s.events = store_.events(id);
  for (const SessionRating& r : store_.ratings(id)) s.ratings.emplace(r.scale_id, r.value);
  if (frames_of_) s.frames = frames_of_(s.recording);
  return s;
}

ExportSession StoreSource::load(SessionId id, const ExportOptions& options) {
  return prepare_session(read(id), options, options.deidentify ? &pseudonyms() : nullptr);
}

ExportSession prepare_session(StoredSession stored, const ExportOptions& options, const Pseudonyms* pseudonyms) {
  ExportSession session = make_export_session(std::move(stored.info), std::move(stored.recording),
                                              std::move(stored.scheme), std::move(stored.events), options.summary,
                                              needs_summary(options));
  session.ratings = export_ratings(*session.scheme, stored.ratings);
  session.frames = std::move(stored.frames);
  if (options.deidentify) {
    static const Pseudonyms kNone;
    deidentify(session, pseudonyms ? *pseudonyms : kNone);
  }
  return session;
}

namespace {

// Worker threads that prepare sessions while the calling thread reads the next ones from the
// store and writes the finished ones in order. A job gets the index of the worker running it.
class WorkerPool {
 public:
  using Job = std::function<ExportSession(unsigned worker)>;

  explicit WorkerPool(unsigned threads) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this, i] { run(i); });
  }
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      tasks_.clear();  // after an error nobody waits for the rest
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  std::future<ExportSession> submit(Job job) {
    auto task = std::make_shared<std::packaged_task<ExportSession(unsigned)>>(std::move(job));
    std::future<ExportSession> result = task->get_future();
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back([task](unsigned worker) { (*task)(worker); });
    }
    wake_.notify_one();
    return result;
  }

 private:
  void run(unsigned worker) {
    while (true) {
      std::function<void(unsigned)> task;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (stopping_) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task(worker);  // a packaged_task keeps the job's exception for the future
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void(unsigned)>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

ExportResult export_sessions(StoreSource& source, const std::vector<SessionId>& ids, const ExportOptions& asked,
                             const Sink& sink, const Progress& progress, unsigned threads) {
  check_options(asked);
  ExportOptions options = asked;
  if (!options.audit_head) options.audit_head = source.audit_head();
  if (ids.empty()) throw Error(ErrorKind::InvalidInput, "no sessions to export");

  // Everything that can be refused is refused before the first byte is written.
  std::vector<std::shared_ptr<const Scheme>> schemes;
  std::set<std::int64_t> seen;
  for (SessionId id : ids) {
    const SessionInfo info = source.info(id);
    if (seen.insert(info.scheme_id).second) schemes.push_back(source.scheme(info.scheme_id));
  }
  std::vector<const Scheme*> raw;
  for (const auto& s : schemes) raw.push_back(s.get());
  if (const auto unknown = unknown_overrides(raw, options.summary.overrides); !unknown.empty()) {
    std::string known;
    std::set<std::string> names;
    for (const Scheme* s : raw) {
      const analysis::SummaryParameters defaults = analysis::SummaryParameters::resolve(*s);
      for (const analysis::Parameter& p : defaults.used()) names.insert(p.name);
    }
    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
    throw Error(ErrorKind::InvalidInput, "--param " + unknown.front() + " is not a setting of the exported schemes (" +
                                             (known.empty() ? std::string("they have none") : "they have: " + known) +
                                             ")");
  }

  ExportResult result;
  result.audit_head = *options.audit_head;
  auto counting = [&](std::string_view bytes) {
    result.bytes += bytes.size();
    sink(bytes);
  };
  std::unique_ptr<SessionWriter> writer = make_writer(options, counting);
  writer->begin(schemes);
  const Pseudonyms* pseudonyms = options.deidentify ? &source.pseudonyms() : nullptr;
  auto write = [&](const ExportSession& session) {
    writer->add(session);
    ++result.sessions;
    result.events += session.events.size();
    if (progress) progress(result.sessions, ids.size());
  };
  if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  if (threads <= 1 || ids.size() == 1) {
    for (SessionId id : ids) write(prepare_session(source.read(id), options, pseudonyms));
  } else {
    // The store is read here, on this thread, in order (a second connection would cost a
    // second integrity check of the whole file when it opens), and the other threads
    // analyse: with two cores, one reads and writes while the other summarises.
    WorkerPool pool(threads - 1);
    const std::size_t window = 4 * threads;  // sessions in flight: bounded memory
    std::deque<std::future<ExportSession>> inflight;
    for (SessionId id : ids) {
      auto stored = std::make_shared<StoredSession>(source.read(id));
      inflight.push_back(pool.submit([stored, &options, pseudonyms](unsigned) {
        return prepare_session(std::move(*stored), options, pseudonyms);
      }));
      while (inflight.size() >= window || (!inflight.empty() && inflight.front().wait_for(std::chrono::seconds(0)) ==
                                                                    std::future_status::ready)) {
        write(inflight.front().get());
        inflight.pop_front();
      }
    }
    while (!inflight.empty()) {
      write(inflight.front().get());
      inflight.pop_front();
    }
  }
  writer->finish();
  return result;
}

std::string export_audit_text(const ExportOptions& options, const std::string& path) {
  return std::string(to_string(options.what)) + " " + to_string(options.format) +
         (options.deidentify ? " de-identified" : " identified") + " to " + destination_text(path);
}

ExportResult export_audited(Store& store, StoreSource& source, const std::vector<SessionId>& ids,
                            const ExportOptions& options, const std::string& path, const Progress& progress,
                            unsigned threads, std::ostream* standard_output) {
  const std::string what = export_audit_text(options, path);
  if (path == "-") {
    check_options(options);
    store.record_export(ids, what);
    std::ostream& out = standard_output ? *standard_output : std::cout;
    auto to_stdout = [&out](std::string_view b) { out.write(b.data(), static_cast<std::streamsize>(b.size())); };
    ExportResult r = export_sessions(source, ids, options, to_stdout, progress, threads);
    out.flush();
    return r;
  }
  check_options(options);
  AtomicFile file(path);
  ExportResult result =
      export_sessions(source, ids, options, [&](std::string_view b) { file.write(b); }, progress, threads);
  publish_audited(file, store, ids, what);
  return result;
}

std::string utc_now_text() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace attune::exports
