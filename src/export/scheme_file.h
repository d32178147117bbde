#pragma once
// A stored coding scheme written back to its JSON file: the bytes exactly as stored (so
// file -> store -> file gives the same file, and importing it again finds the same
// name@version), whole or not at all (AtomicFile). Used by `attune-cli scheme export` and
// by the window's scheme editor.
#include <string>

#include "store/store.h"

namespace attune::exports {

// Throws Error(Storage) when the file cannot be written (nothing is left under `path` then).
void write_scheme_file(const SchemeRow& scheme, const std::string& path);

// "attachment-core-v3.json": a file name for a scheme version (letters, digits, '-', '_'
// and '.' of the name kept, anything else as '-').
std::string scheme_file_name(const SchemeRow& scheme);

}  // namespace attune::exports
