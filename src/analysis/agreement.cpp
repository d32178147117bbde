#include "analysis/agreement.h"

#include <algorithm>
#include <tuple>

#include "analysis/agreement_internal.h"
#include "core/error.h"

namespace attune {

const char* to_string(AgreementMethod method) {
  return method == AgreementMethod::TimeUnit ? "time-unit" : "event-based";
}

std::optional<double> percent_agreement(const CodeAgreement& code) {
  const std::int64_t tallies = code.agreements + code.disagreements;
  if (tallies <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(code.agreements) / static_cast<double>(tallies);
}

namespace agreement_detail {

ResolvedTarget resolve_target(const Scheme& scheme, const AgreementTarget& target) {
  ResolvedTarget t;
  if (!target.subject.empty() && !scheme.find_subject(target.subject))
    throw Error(ErrorKind::InvalidInput, "agreement: unknown subject '" + target.subject + "'");
  t.subject = target.subject;

  if (!target.group.empty()) {
    const CodeGroup* group = scheme.find_group(target.group);
    if (!group)
      throw Error(ErrorKind::InvalidInput, "agreement: unknown code group '" + target.group + "'");
    if (!target.codes.empty())
      throw Error(ErrorKind::InvalidInput,
                  "agreement: give a code group or a list of point codes, not both");
    for (const Code& code : scheme.codes)
      if (code.group == group->id) t.codes.push_back(code.id);
    if (t.codes.empty())
      throw Error(ErrorKind::InvalidInput, "agreement: code group '" + group->id + "' has no codes");
    t.exclusive = group->exclusive || t.codes.size() == 1;
  } else {
    for (const std::string& id : target.codes) {
      const Code* code = scheme.find_code(id);
      if (!code) throw Error(ErrorKind::InvalidInput, "agreement: unknown code '" + id + "'");
      if (code->kind != CodeKind::Point)
        throw Error(ErrorKind::InvalidInput, "agreement: '" + id +
                                                 "' is a state; compare states by their group");
    }
    // Scheme order, each code once.
    for (const Code& code : scheme.codes) {
      if (code.kind != CodeKind::Point) continue;
      if (target.codes.empty() ||
          std::find(target.codes.begin(), target.codes.end(), code.id) != target.codes.end())
        t.codes.push_back(code.id);
    }
    if (t.codes.empty())
      throw Error(ErrorKind::InvalidInput, "agreement: the scheme has no point codes to compare");
    t.exclusive = t.codes.size() == 1;
  }

  t.all_states = t.all_points = true;
  for (std::size_t i = 0; i < t.codes.size(); ++i) {
    t.index[t.codes[i]] = static_cast<int>(i);
    const bool state = scheme.find_code(t.codes[i])->kind == CodeKind::State;
    t.all_states = t.all_states && state;
    t.all_points = t.all_points && !state;
  }
  return t;
}

int label_of(const ResolvedTarget& target, const Event& event) {
  if (!target.subject.empty() && event.subject != target.subject) return -1;
  const auto it = target.index.find(event.code);
  return it == target.index.end() ? -1 : it->second;
}

void finish(AgreementResult& result, const ResolvedTarget& target, const char* last_label,
            CountMatrix matrix, bool structural_zero) {
  result.codes = target.codes;
  result.codes.emplace_back(last_label);
  const std::size_t k = result.codes.size();

  const KappaStats stats =
      cohen_kappa(matrix, structural_zero ? std::optional<std::size_t>(k - 1) : std::nullopt);
  result.n = stats.n;
  result.percent_agreement = stats.percent_agreement;
  result.expected = stats.expected;
  result.kappa = stats.kappa;
  result.kappa_max = stats.kappa_max;

  result.per_code.clear();
  for (std::size_t i = 0; i < k; ++i) {
    CodeAgreement c{result.codes[i], matrix[i][i], 0};
    for (std::size_t j = 0; j < k; ++j)
      if (j != i) c.disagreements += matrix[i][j] + matrix[j][i];
    result.per_code.push_back(std::move(c));
  }
  result.matrix = std::move(matrix);

  // Label order (scheme order, none/nil last) rather than alphabetical for the codes.
  auto rank = [&](const std::string& code) {
    const auto it = target.index.find(code);
    return it == target.index.end() ? static_cast<int>(k) : it->second;
  };
  std::stable_sort(result.disagreements.begin(), result.disagreements.end(),
                   [&](const Disagreement& x, const Disagreement& y) {
                     return std::make_tuple(x.start, x.end, rank(x.code_a), rank(x.code_b)) <
                            std::make_tuple(y.start, y.end, rank(y.code_a), rank(y.code_b));
                   });
}

}  // namespace agreement_detail
}  // namespace attune
