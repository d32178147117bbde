#pragma once
// Text helpers of the HTML report: escaping and number formatting for people.
#include <optional>
#include <string>
#include <string_view>

#include "store/audit_head.h"

namespace attune::exports {

// Escapes & < > " ' for element text and attribute values.
std::string html_escape(std::string_view text);

// A figure for people: "—" when not computable, else fixed decimals chosen by its name
// (counts 0, seconds 2, percentages 1, rates 2, proportions and Yule's Q 3).
std::string figure_text(std::string_view name, const std::optional<double>& value);
std::string fixed(double value, int decimals);

// "n thing" / "n things".
std::string count_text(long long n, const char* singular, const char* plural);

// The audit chain head a report was written at: a <meta name="attune-audit-head"> for the
// head and a footer paragraph for people ("" without a head). Both reports use these.
std::string audit_head_meta(const std::optional<AuditHead>& head);
std::string audit_head_note(const std::optional<AuditHead>& head);

// "1:05" / "1:05.2" style clock text of seconds for axes and tables.
std::string clock_text(double seconds, bool tenths);

}  // namespace attune::exports
