#include "cli/output.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <ostream>
#include <streambuf>

#include <nlohmann/json.hpp>

namespace attune::cli {

namespace {

// The length of the valid UTF-8 sequence starting at s[i] (1-4), or 0 when the bytes there
// are not one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut
// short); `cp` receives the code point.
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = b(0);
  std::size_t n = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    cp = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    n = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    n = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    n = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// How many bytes at the end of `s` may be the start of a UTF-8 sequence still being written.
std::size_t incomplete_tail(std::string_view s) {
  for (std::size_t back = 1; back <= 3 && back <= s.size(); ++back) {
    const auto c = static_cast<unsigned char>(s[s.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

std::string escape(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  char buf[8];
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = utf8_sequence(text, i, cp);
    if (n == 0) {  // not UTF-8: show the byte
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[i]));
      out += buf;
      ++i;
      continue;
    }
    if (cp == '\n' && keep_newlines) out += '\n';
    else if (cp == '\n') out += "\\n";
    else if (cp == '\r') out += "\\r";
    else if (cp == '\t') out += "\\t";
    else if (cp < 0x20 || cp == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp >= 0x80 && cp <= 0x9F) {  // C1 controls: 0x9B is CSI to some terminals
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

// Escapes what passes through it on its way to `out`, a line (or a flush) at a time.
class EscapingBuffer final : public std::streambuf {
 public:
  explicit EscapingBuffer(std::streambuf* out) : out_(out) {}
  ~EscapingBuffer() override { drain(true); }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    pending_ += traits_type::to_char_type(c);
    if (c == '\n' || pending_.size() >= kChunk) drain(false);
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    pending_.append(s, static_cast<std::size_t>(n));
    if (pending_.size() >= kChunk || std::memchr(s, '\n', static_cast<std::size_t>(n))) drain(false);
    return n;
  }
  int sync() override {
    drain(false);
    return out_->pubsync();
  }

 private:
  static constexpr std::size_t kChunk = 1 << 14;

  // Writes what is pending, keeping back the start of a UTF-8 sequence not yet complete.
  void drain(bool all) {
    const std::size_t keep = all ? 0 : incomplete_tail(pending_);
    const std::string shown = escape(std::string_view(pending_).substr(0, pending_.size() - keep), true);
    out_->sputn(shown.data(), static_cast<std::streamsize>(shown.size()));
    pending_.erase(0, pending_.size() - keep);
    if (all) out_->pubsync();
  }

  std::streambuf* out_;
  std::string pending_;
};

std::streambuf* g_raw_out = nullptr;  // the terminal's own buffers while a TerminalGuard lives
std::streambuf* g_raw_err = nullptr;
// Display width in characters, counting UTF-8 continuation bytes as nothing.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

nlohmann::json seconds_or_null(const std::optional<Micros>& t) {
  return t ? nlohmann::json(static_cast<double>(*t) / 1e6) : nlohmann::json(nullptr);
}
}  // namespace

std::string printable(std::string_view text) { return escape(text, false); }
std::string printable_lines(std::string_view text) { return escape(text, true); }

struct TerminalGuard::Impl {
  std::streambuf* out = std::cout.rdbuf();
  std::streambuf* err = std::cerr.rdbuf();
  EscapingBuffer escaped_out{out};
  EscapingBuffer escaped_err{err};
};

TerminalGuard::TerminalGuard() : impl_(std::make_unique<Impl>()) {
  g_raw_out = impl_->out;
  g_raw_err = impl_->err;
  std::cout.rdbuf(&impl_->escaped_out);
  std::cerr.rdbuf(&impl_->escaped_err);
}

TerminalGuard::~TerminalGuard() {
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(impl_->out);
  std::cerr.rdbuf(impl_->err);
  g_raw_out = g_raw_err = nullptr;
}

std::ostream& raw_out() {
  static std::ostream raw(nullptr);
  std::cout.flush();  // keep the order of what was written before
  raw.rdbuf(g_raw_out ? g_raw_out : std::cout.rdbuf());
  return raw;
}

std::ostream& raw_err() {
  static std::ostream raw(nullptr);
  std::cerr.flush();
  raw.rdbuf(g_raw_err ? g_raw_err : std::cerr.rdbuf());
  return raw;
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  // Every cell escaped: a newline in a dyad must not make a row of its own.
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  for (const auto* row : {&header}) cells.emplace_back(row->begin(), row->end());
  for (const auto& row : rows) cells.emplace_back(row.begin(), row.end());
  for (auto& row : cells)
    for (std::string& cell : row) cell = printable(cell);
  std::vector<std::size_t> widths(header.size());
  for (const auto& row : cells)
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  for (const auto& row : cells) {
    std::string text;
    for (std::size_t c = 0; c < row.size(); ++c) {
      text += row[c];
      if (c + 1 < row.size() && c < widths.size()) text += std::string(widths[c] - width(row[c]) + 2, ' ');
    }
    out << text << '\n';
  }
}

void print_json(std::ostream& out, const nlohmann::json& value) { out << value.dump(2) << '\n'; }

nlohmann::json event_json(const Event& e) {
  nlohmann::json modifiers = nlohmann::json::object();
  for (const auto& [id, value] : e.modifiers) modifiers[id] = value;
  return {{"id", e.id},
          {"code", e.code},
          {"subject", e.subject.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.subject)},
          {"start_s", static_cast<double>(e.start) / 1e6},
          {"end_s", seconds_or_null(e.end)},
          {"duration_s", e.end ? nlohmann::json(static_cast<double>(*e.end - e.start) / 1e6) : nlohmann::json(nullptr)},
          {"start_us", e.start},
          {"end_us", e.end ? nlohmann::json(*e.end) : nlohmann::json(nullptr)},
          {"frame", e.frame ? nlohmann::json(*e.frame) : nlohmann::json(nullptr)},
          {"modifiers", modifiers},
          {"comment", e.comment}};
}

nlohmann::json recording_json(const Recording& r) {
  return {{"id", r.id},
          {"dyad", r.dyad},
          {"child_age_months", r.child_age_months ? nlohmann::json(*r.child_age_months) : nlohmann::json(nullptr)},
          {"session_type", r.session_type},
          {"video_path", r.video_path.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.video_path)},
          {"video_size", r.video_size ? nlohmann::json(*r.video_size) : nlohmann::json(nullptr)},
          {"video_hash", r.video_hash.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.video_hash)},
          {"fps", r.fps.valid() ? nlohmann::json(format_frame_rate(r.fps)) : nlohmann::json(nullptr)},
          {"duration_s", seconds_or_null(r.duration)}};
}

nlohmann::json session_json(const SessionInfo& s, const Recording& r) {
  return {{"id", s.id},
          {"recording", recording_json(r)},
          {"scheme", {{"id", s.scheme_id}, {"name", s.scheme_name}, {"version", s.scheme_version}}},
          {"coder", s.coder},
          {"status", to_string(s.status)},
          {"is_master", s.is_master},
          {"created_utc", s.created_utc},
          {"modified_utc", s.modified_utc}};
}

void print_events(std::ostream& out, const std::vector<Event>& events, bool json) {
  if (json) {
    nlohmann::json array = nlohmann::json::array();
    for (const Event& e : events) array.push_back(event_json(e));
    print_json(out, array);
    return;
  }
  std::vector<std::vector<std::string>> table;
  for (const Event& e : events)
    table.push_back({std::to_string(e.id), format_seconds_fixed(e.start),
                     e.end ? format_seconds_fixed(*e.end) : std::string("running"), e.code,
                     e.subject.empty() ? "-" : e.subject, e.frame ? std::to_string(*e.frame) : "-",
                     modifiers_text(e.modifiers), e.comment});
  print_table(out, {"id", "start_s", "end_s", "code", "subject", "frame", "modifiers", "comment"}, table);
}

}  // namespace attune::cli
