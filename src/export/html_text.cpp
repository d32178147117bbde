#include "export/html_text.h"

#include <cmath>
#include <cstdio>

namespace attune::exports {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s == "-0" || s.find_first_not_of("-0.") == std::string::npos) s = s.front() == '-' ? s.substr(1) : s;
  return s;
}

std::string figure_text(std::string_view name, const std::optional<double>& value) {
  if (!value) return "—";
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  int decimals = 0;
  if (name == "proportion" || name == "yule_q" || name == "probability") decimals = 3;
  else if (name == "adjusted_residual" || name == "expected") decimals = 2;
  else if (name.find("percent") != std::string_view::npos) decimals = 1;
  else if (ends_with("_per_min")) decimals = 2;
  else if (ends_with("_s")) decimals = 2;
  return fixed(*value, decimals);
}

std::string count_text(long long n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

std::string clock_text(double seconds, bool tenths) {
  // Rounded to the nearest tenth or second, never cut (docs/time-and-frames.md), in whole
  // numbers so 59.96 s is 1:00.0 and not 0:60.0.
  const bool negative = seconds < 0;
  const long long unit = tenths ? 10 : 1;
  const long long n = std::llround(std::fabs(seconds) * static_cast<double>(unit));
  const long long minutes = n / (60 * unit), rest = n % (60 * unit);
  char buf[64];
  if (tenths) std::snprintf(buf, sizeof buf, "%s%lld:%02lld.%lld", negative ? "-" : "", minutes, rest / 10, rest % 10);
  else std::snprintf(buf, sizeof buf, "%s%lld:%02lld", negative ? "-" : "", minutes, rest);
  return buf;
}

std::string audit_head_meta(const std::optional<AuditHead>& head) {
  if (!head) return "";
  return "<meta name=\"attune-audit-head\" content=\"" + html_escape(head->text()) + "\">\n";
}

std::string audit_head_note(const std::optional<AuditHead>& head) {
  if (!head) return "";
  return "<p class=\"audit-head\">Audit trail when written: <code>" + html_escape(head->text()) +
         "</code>. Keep it: <code>attune-cli verify --expect</code> with it shows whether the database's trail up "
         "to then was since cut short or rewritten.</p>\n";
}

}  // namespace attune::exports
