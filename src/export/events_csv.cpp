#include "export/events_csv.h"

#include <algorithm>
#include <unordered_map>

#include "core/version.h"

namespace attune::exports {

namespace {

const char* const kLeading[] = {"session", "dyad", "episode", "subject", "group", "code", "kind",
                                "start_s", "end_s", "duration_s", "open", "frame"};
const char* const kTrailing[] = {"event_id", "comment", "coder", "scheme", "scheme_version", "attune_version"};

class EventsCsvWriter : public BufferedWriter {
 public:
  EventsCsvWriter(const ExportOptions& options, Sink sink)
      : BufferedWriter(std::move(sink)), csv_(options.profile), deidentified_(options.deidentify) {}

  void begin(const std::vector<std::shared_ptr<const Scheme>>& schemes) override {
    for (const auto& scheme : schemes)
      for (const Modifier& m : scheme->modifiers)
        if (std::find(modifiers_.begin(), modifiers_.end(), m.id) == modifiers_.end()) modifiers_.push_back(m.id);
    buffer() += csv_.file_prefix();
    auto taken = [](const std::string& name) {
      return std::any_of(std::begin(kLeading), std::end(kLeading), [&](const char* c) { return name == c; }) ||
             std::any_of(std::begin(kTrailing), std::end(kTrailing), [&](const char* c) { return name == c; });
    };
    for (const char* c : kLeading) csv_.text(c);
    for (const std::string& m : modifiers_) csv_.text(taken(m) ? "modifier_" + m : m);
    for (const char* c : kTrailing)
      if (!(deidentified_ && std::string_view(c) == "comment")) csv_.text(c);
    csv_.end_row();
    drain();
  }

  void add(const ExportSession& s) override {
    // The cells that are the same on every row of the session, formatted once.
    CsvWriter cells(csv_.profile());
    cells.verbatim(std::to_string(s.info.id));
    cells.text(s.recording.dyad);
    const std::string prefix = cells.out() + ",";
    cells.out().clear();
    cells.end_row();
    cells.out().clear();
    cells.text(s.info.coder);
    cells.text(s.info.scheme_name);
    cells.verbatim(std::to_string(s.info.scheme_version));
    cells.verbatim(attune::version());
    const std::string suffix = "," + cells.out();
    std::unordered_map<std::string, const Code*> codes;
    for (const Code& c : s.scheme->codes) codes.emplace(c.id, &c);

    for (const Event& e : s.events) {
      const auto found = codes.find(e.code);
      const Code* code = found != codes.end() ? found->second : nullptr;
      csv_.out() += prefix;
      csv_.text(s.episode_at(e.start));
      csv_.text(e.subject);
      csv_.text(code ? code->group : "");
      csv_.text(e.code);
      csv_.text(code ? to_string(code->kind) : "");
      csv_.verbatim(format_seconds(e.start));
      csv_.verbatim(e.end ? format_seconds(*e.end) : "");
      csv_.verbatim(e.end ? format_seconds(*e.end - e.start) : "");
      csv_.verbatim(e.is_open() ? "1" : "0");
      csv_.integer(s.frame_of(e));
      for (const std::string& m : modifiers_) {
        auto it = e.modifiers.find(m);
        csv_.text(it != e.modifiers.end() ? it->second : "");
      }
      csv_.integer(e.id);
      if (!deidentified_) csv_.text(e.comment);
      csv_.out() += suffix;
      csv_.end_row();
      if (csv_.out().size() > (1u << 16)) drain();
    }
    drain();
  }

  void finish() override {
    drain();
    flush();
  }

 private:
  void drain() {
    buffer() += csv_.out();
    csv_.out().clear();
    maybe_flush();
  }

  CsvWriter csv_;
  bool deidentified_;
  std::vector<std::string> modifiers_;
};

}  // namespace

std::unique_ptr<SessionWriter> make_events_csv_writer(const ExportOptions& options, Sink sink) {
  return std::make_unique<EventsCsvWriter>(options, std::move(sink));
}

}  // namespace attune::exports
