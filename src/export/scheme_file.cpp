#include "export/scheme_file.h"

#include <cctype>

#include "export/atomic_file.h"

namespace attune::exports {

void write_scheme_file(const SchemeRow& scheme, const std::string& path) {
  AtomicFile file(path);
  file.write(scheme.json);
  file.commit();
}

std::string scheme_file_name(const SchemeRow& scheme) {
  std::string name;
  for (const char c : scheme.name) {
    const auto u = static_cast<unsigned char>(c);
    name += std::isalnum(u) || c == '-' || c == '_' || c == '.' ? static_cast<char>(std::tolower(u)) : '-';
  }
  if (name.empty() || name.front() == '.') name.insert(0, "scheme");
  return name + "-v" + std::to_string(scheme.version) + ".json";
}

}  // namespace attune::exports
