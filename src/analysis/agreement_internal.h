#pragma once
// Shared by agreement_time_unit.cpp and agreement_event.cpp; not part of the public API.
#include <map>
#include <string>
#include <vector>

#include "analysis/agreement.h"

namespace attune::agreement_detail {

struct ResolvedTarget {
  std::vector<std::string> codes;    // compared codes, scheme order
  std::map<std::string, int> index;  // code id -> label index
  std::string subject;               // "" = every subject
  bool all_states = false;
  bool all_points = false;
  bool exclusive = false;  // a group that is exclusive, or a single code
};

// Throws Error(InvalidInput) for an unknown group / code / subject or an empty target.
ResolvedTarget resolve_target(const Scheme& scheme, const AgreementTarget& target);

// The event's label index, or -1 when the event is not compared.
int label_of(const ResolvedTarget& target, const Event& event);

// Fills codes (target codes + last_label), matrix, n, Po, Pe, κ, κmax and per_code, and
// sorts the disagreements. structural_zero: the last label's diagonal cell (nil–nil).
void finish(AgreementResult& result, const ResolvedTarget& target, const char* last_label,
            CountMatrix matrix, bool structural_zero);

}  // namespace attune::agreement_detail
