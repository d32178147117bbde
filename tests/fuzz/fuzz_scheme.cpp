// libFuzzer target: the scheme loader and validator (JSON text -> validated Scheme), as
// `attune-cli scheme validate` and the window's scheme import call it.
// Properties checked on every input:
//   - load_scheme_text never throws and never crashes (the sanitizers watch memory and UB);
//   - a Scheme is built exactly when there are no problems, and every problem prints;
//   - a valid scheme written back as canonical JSON loads again to the same Scheme.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "scheme/scheme_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const attune::SchemeLoadResult loaded = attune::load_scheme_text(text, "fuzz.json");
  for (const attune::SchemeProblem& p : loaded.problems) (void)p.to_string();
  if (loaded.scheme.has_value() != loaded.problems.empty()) {
    std::fprintf(stderr, "a scheme with problems, or no scheme and no problem\n");
    std::abort();
  }
  if (!loaded.ok()) return 0;
  const std::string canonical = attune::scheme_to_json(*loaded.scheme);
  const attune::SchemeLoadResult again = attune::load_scheme_text(canonical, "canonical.json");
  if (!again.ok() || !(*again.scheme == *loaded.scheme)) {
    std::fprintf(stderr, "canonical JSON does not load back to the same scheme:\n%s\n", canonical.c_str());
    for (const attune::SchemeProblem& p : again.problems) std::fprintf(stderr, "%s\n", p.to_string().c_str());
    std::abort();
  }
  return 0;
}
