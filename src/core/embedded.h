#pragma once
// Files compiled into the binaries (cmake/embed.cmake): the store's DDL and migrations,
// the JSON Schemas, and the shipped coding schemes, so attune-cli works from any folder.
#include <string_view>

namespace attune {

// The text of an embedded file by its path in the source tree ("schemas/…", "samples/…"),
// or an empty view when no such file was embedded.
std::string_view embedded_file(std::string_view path);

}  // namespace attune
