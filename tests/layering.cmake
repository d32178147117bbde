# The compile-time layering (cmake/layers.cmake), proved: each case compiles a one-line
# source that includes a header of a layer above `library`, with `library`'s include path
# (by linking it), and passes only when the compiler says that header does not exist.
# The sources are EXCLUDE_FROM_ALL objects; ctest builds each with `cmake --build`.
# ctest -L layering runs them (a second or two each).
function(attune_layering_case library header)
  string(MAKE_C_IDENTIFIER "${library}_${header}" id)
  set(target layering_${id})
  if(header MATCHES "^<")
    set(spelled ${header})
    string(REGEX REPLACE "^<(.*)>$" "\\1" header ${header})
  else()
    set(spelled "\"${header}\"")
  endif()
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/layering/${id}.cpp
       CONTENT "// ${library} must not see ${header}: this file must not compile.\n#include ${spelled}\n")
  add_library(${target} OBJECT EXCLUDE_FROM_ALL ${PROJECT_BINARY_DIR}/layering/${id}.cpp)
  target_link_libraries(${target} PRIVATE ${library})
  set(name "layering.${library}-cannot-include-${header}")
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target ${target})
  string(REPLACE "." "\\." header_regex ${header})
  set_tests_properties(${name} PROPERTIES LABELS layering
                       PASS_REGULAR_EXPRESSION "${header_regex}: No such file or directory"
                       RESOURCE_LOCK build_tree)  # one build of this tree at a time
endfunction()

attune_layering_case(attune_model scheme/scheme_loader.h)      # core: the standard library only
attune_layering_case(attune_scheme store/store.h)              # scheme: core
attune_layering_case(attune_store analysis/agreement.h)        # store: core, scheme
attune_layering_case(attune_analysis store/store.h)            # analysis: core only
attune_layering_case(attune_analysis media/clock.h)
attune_layering_case(attune_export media/frame_index_reader.h) # export: core, scheme, store, analysis
attune_layering_case(attune_clock store/store.h)               # media: core
attune_layering_case(attune_core app/logic/workspace.h)        # the whole non-GUI stack (the CLI's) has no app
attune_layering_case(attune_app_logic app/coding/coding_view.h) # the app's logic: no view ...
attune_layering_case(attune_app_logic <imgui.h>)                # ... and no ImGui
attune_layering_case(attune_app_logic cli/context.h)            # and the CLI is nobody's layer
