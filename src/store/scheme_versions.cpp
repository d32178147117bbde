#include "store/scheme_versions.h"

#include <algorithm>

#include "core/error.h"
#include "scheme/scheme_loader.h"

namespace attune {

int next_scheme_version(const Store& store, const std::string& name) {
  const std::optional<SchemeRow> latest = store.find_scheme(name, std::nullopt);
  return latest ? latest->version + 1 : 1;
}

SchemeRow save_scheme_version(Store& store, Scheme scheme) {
  if (scheme.name.empty()) throw Error(ErrorKind::InvalidInput, "a scheme needs a name");
  for (int attempt = 0;; ++attempt) {
    scheme.version = next_scheme_version(store, scheme.name);
    const std::string text = scheme_to_json(scheme);
    const std::string label = scheme.name + "@" + std::to_string(scheme.version);
    const SchemeLoadResult loaded = load_scheme_text(text, label);
    if (!loaded.ok()) {
      const SchemeProblem& first = loaded.problems.front();
      const std::size_t more = loaded.problems.size() - 1 + loaded.more_problems;
      throw Error(ErrorKind::InvalidInput, label + " was not saved: " + (first.pointer.empty() ? "/" : first.pointer) +
                                               ": " + first.message +
                                               (more ? " (and " + std::to_string(more) + " more)" : ""));
    }
    try {
      const std::int64_t id = store.import_scheme(text, label);
      return store.scheme(id);
    } catch (const Error& e) {
      // Another writer stored this version first (with other content): take the next one.
      if (e.kind() != ErrorKind::Conflict || attempt >= 3) throw;
    }
  }
}

}  // namespace attune
