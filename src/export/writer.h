#pragma once
// The export choices and the writer interface every format implements. Writers stream: the
// driver hands them one session at a time and they pass their bytes to a sink, so a batch
// of a thousand sessions never sits in memory as one document (the wide CSV, whose columns
// are only known at the end, keeps one small row per session).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/csv.h"
#include "export/session_data.h"
#include "store/audit_head.h"

namespace attune::exports {

enum class What { Events, Summary, Report };
enum class Format { Csv, Json, Sdis, Html };
enum class Layout { Long, Wide };

const char* to_string(What what);
const char* to_string(Format format);
const char* to_string(Layout layout);
std::optional<What> parse_what(std::string_view text);
std::optional<Format> parse_format(std::string_view text);
std::optional<Layout> parse_layout(std::string_view text);
std::optional<CsvProfile> parse_profile(std::string_view text);

struct ExportOptions {
  What what = What::Summary;
  Format format = Format::Csv;
  Layout layout = Layout::Long;
  CsvProfile profile = CsvProfile::Analysis;
  bool deidentify = false;
  SummaryRequest summary;  // parameter overrides (--param) and lag-1 tables (--sequential)
  std::string generated_utc;  // when the export was made; left out of de-identified files
  // The audit chain head when the export started (export_sessions reads it from the store):
  // written into every format that has room for it (JSON field, SDIS comment, HTML meta and
  // footer; CSV has none) and printed by the CLI, so a file in hand names the trail it came
  // from and `attune-cli verify --expect` can check that trail later.
  std::optional<AuditHead> audit_head;
  // Whether --layout / --profile were given (they are refused where they mean nothing).
  bool layout_given = false;
  bool profile_given = false;
};

// Which formats each content comes in:
//   events   csv, json, sdis
//   summary  csv (--layout long|wide), json
//   report   html (the supervisor's report), json (events and summary in one document)
// Throws Error(InvalidInput) with one sentence naming what to use instead.
void check_options(const ExportOptions& options);

// Whether the writer needs each session's summary (events-only exports skip the analysis).
bool needs_summary(const ExportOptions& options);

using Sink = std::function<void(std::string_view)>;

class SessionWriter {
 public:
  virtual ~SessionWriter() = default;
  // Called once before the first session with the schemes of every session to come (so a
  // CSV header can name every modifier).
  virtual void begin(const std::vector<std::shared_ptr<const Scheme>>& schemes) = 0;
  virtual void add(const ExportSession& session) = 0;
  // Writes what remains (closing brackets, buffered rows) and flushes.
  virtual void finish() = 0;
};

// The writer for the options (which must have passed check_options).
std::unique_ptr<SessionWriter> make_writer(const ExportOptions& options, Sink sink);

// A base that buffers text and hands it to the sink in large pieces.
class BufferedWriter : public SessionWriter {
 protected:
  explicit BufferedWriter(Sink sink) : sink_(std::move(sink)) {}
  std::string& buffer() { return buffer_; }
  void maybe_flush() {
    if (buffer_.size() >= kFlushAt) flush();
  }
  void flush() {
    if (!buffer_.empty()) sink_(buffer_);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 18;
  Sink sink_;
  std::string buffer_;
};

}  // namespace attune::exports
