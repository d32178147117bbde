#include "export/sdis.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "analysis/window.h"
#include "core/version.h"
#include "export/html_text.h"

namespace attune::exports {

namespace {

std::string sanitized(const std::string& name) {
  std::string out;
  for (unsigned char c : name) out += std::isalnum(c) || c == '_' ? static_cast<char>(c) : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front()))) out.insert(out.begin(), 'c');
  return out;
}

// Comment and label text: one line, none of SDIS's delimiters.
std::string plain(const std::string& text, const char* reserved) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || std::strchr(reserved, c)) ? ' ' : c;
  return out;
}

class SdisWriter : public BufferedWriter {
 public:
  SdisWriter(const ExportOptions& options, Sink sink) : BufferedWriter(std::move(sink)), options_(options) {}

  void begin(const std::vector<std::shared_ptr<const Scheme>>& schemes) override {
    std::string& out = buffer();
    out += "% SDIS timed-event data for GSEQ, written by Attune ";
    out += attune::version();
    out += "\n";
    for (const auto& scheme : schemes)
      out += "% scheme: " + plain(scheme->name, "") + " version " + std::to_string(scheme->version) + "\n";
    out += "% parameters: none (timed events only; the summary exports list theirs)\n";
    out += "% times in seconds from the session start; offsets exclusive; a point event is code,onset\n";
    if (options_.deidentify) out += "% de-identified: pseudonymous dyad and coder ids, no dates, comments or paths\n";
    else if (!options_.generated_utc.empty()) out += "% exported " + options_.generated_utc + "\n";
    if (options_.audit_head) out += "% audit trail at export: " + options_.audit_head->text() + "\n";
    std::vector<std::string> declared;
    for (const auto& scheme : schemes)
      for (const Code& code : scheme->codes) {
        std::vector<std::string> subjects = code.subjects.size() > 1 ? code.subjects : std::vector<std::string>{""};
        for (const std::string& subject : subjects) {
          std::string name = code.subjects.size() > 1 ? sdis_code(*scheme, code.id, subject) : sanitized(code.id);
          if (std::find(declared.begin(), declared.end(), name) == declared.end()) declared.push_back(std::move(name));
        }
      }
    out += "Timed";
    std::size_t column = 5;
    for (const std::string& name : declared) {
      if (column + 1 + name.size() > 100) {
        out += "\n ";
        column = 1;
      }
      out += ' ';
      out += name;
      column += 1 + name.size();
    }
    out += " ;\n";
  }

  void add(const ExportSession& s) override {
    std::string& out = buffer();
    const Micros end = analysis::session_end(s.events, s.recording.duration);
    out += "\n% session " + std::to_string(s.info.id) + ": dyad " + plain(s.recording.dyad, "") + ", coder " +
           plain(s.info.coder, "") + ", scheme " + plain(s.info.scheme_name, "") + " version " +
           std::to_string(s.info.scheme_version) + ", " + std::to_string(s.events.size()) + " events\n";
    int open = 0;
    for (const Event& e : s.events) open += e.is_open() ? 1 : 0;
    if (open > 0)
      out += "% " + count_text(open, "state", "states") + " still running at the end of the coding " +
             (open == 1 ? "ends" : "end") + " at " + format_seconds(end) + "\n";
    out += "<" + plain("session " + std::to_string(s.info.id) + " " + s.recording.dyad, "<>/;,%") + ">\n,0";
    std::size_t column = 2;
    for (const Event& e : s.events) {
      const Code* code = s.scheme->find_code(e.code);
      std::string entry = sdis_code(*s.scheme, e.code, e.subject) + "," + format_seconds(e.start);
      if (code && code->kind == CodeKind::State) entry += "-" + format_seconds(e.end ? *e.end : std::max(end, e.start));
      if (column + 1 + entry.size() > 100) {
        out += '\n';
        column = 0;
      } else {
        out += ' ';
        ++column;
      }
      out += entry;
      column += entry.size();
    }
    out += (column > 90 ? "\n," : " ,") + format_seconds(end) + "/\n";
    maybe_flush();
  }

  void finish() override { flush(); }

 private:
  ExportOptions options_;
};

}  // namespace

std::string sdis_code(const Scheme& scheme, const std::string& code, const std::string& subject) {
  const Code* c = scheme.find_code(code);
  if (c && c->subjects.size() > 1 && !subject.empty()) return sanitized(subject + "_" + code);
  return sanitized(code);
}

std::unique_ptr<SessionWriter> make_sdis_writer(const ExportOptions& options, Sink sink) {
  return std::make_unique<SdisWriter>(options, std::move(sink));
}

}  // namespace attune::exports
