#pragma once
// A changed coding scheme is stored as the next version of its name, never over a version
// that exists: sessions keep the scheme version they were coded with, and exports name it.
// Used by the window's scheme editor (and by anything else that saves an edited Scheme).
#include <string>

#include "core/scheme.h"
#include "store/store.h"

namespace attune {

// The version a new scheme of this name gets: one past the highest stored (1 when none is).
int next_scheme_version(const Store& store, const std::string& name);

// Stores `scheme` as the next version of its name: sets its version, writes its canonical
// JSON (scheme_to_json) and stores it through Store::import_scheme (audited as
// scheme.import, like every import) after the same validation as `attune-cli scheme
// validate`. Error(InvalidInput) with the first problem ("/codes/3/key: ...") when it is
// not valid, nothing stored. When another writer took that version meanwhile, the next one
// is used. Returns the stored row.
SchemeRow save_scheme_version(Store& store, Scheme scheme);

}  // namespace attune
