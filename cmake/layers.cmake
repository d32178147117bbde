# Compile-time layering (docs/architecture.md, "How the layering is enforced").
#
# No target has `src/` on its include path. Each layer instead gets an include root of its
# own in the build tree that holds a single symlink to its source folder:
#
#   build/layers/store/store          -> src/store
#   build/layers/app_logic/app/logic  -> src/app/logic
#
# so `#include "store/store.h"` resolves only for a target that has the store's root, i.e.
# that links attune_store (the root is PUBLIC and travels with the library). A layer that
# includes a header of a layer it does not link fails to compile ("No such file or
# directory") instead of building by luck of the link order. tests/layering.cmake proves it.
set(ATTUNE_LAYERS_DIR ${PROJECT_BINARY_DIR}/layers)

# attune_layer_includes(<target> <PUBLIC|PRIVATE|INTERFACE> <folder under src/>)
function(attune_layer_includes target scope folder)
  string(REPLACE "/" "_" root_name ${folder})
  set(root ${ATTUNE_LAYERS_DIR}/${root_name})
  get_filename_component(parent ${root}/${folder} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${folder} ${root}/${folder} SYMBOLIC)
  target_include_directories(${target} ${scope} ${root})
endfunction()
