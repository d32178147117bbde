# Fuzz targets (ATTUNE_FUZZ) and, in the ordinary build, the sanitized "checks" build that
# ctest runs (docs/testing.md).

# ---- libFuzzer targets: tests/fuzz/fuzz_*.cpp, one per parser family -----------------------
if(ATTUNE_FUZZ)
  function(attune_fuzzer name)
    add_executable(${name} tests/fuzz/${name}.cpp ${ARGN})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  endfunction()
  attune_fuzzer(fuzz_scheme)
  target_link_libraries(fuzz_scheme PRIVATE attune_scheme)
  attune_fuzzer(fuzz_scheme_import)
  target_link_libraries(fuzz_scheme_import PRIVATE attune_store)
  # attune-cli's --modifier parser lives in src/cli/context.cpp: compiled in, not copied.
  attune_fuzzer(fuzz_values src/cli/context.cpp)
  attune_layer_includes(fuzz_values PRIVATE cli)
  target_link_libraries(fuzz_values PRIVATE attune_core attune_frame_index)
endif()

# ---- the checks build: clang-14, ASan + UBSan, unit tests and fuzzers ---------------------
# The ordinary build (the README's commands, CI) configures this same source a second time in
# build/checks with clang-14, -DATTUNE_SANITIZE=address,undefined and -DATTUNE_FUZZ=ON, builds
# only the non-window unit tests, attune-cli and the fuzzers there, and ctest runs them
# (labels `sanitize` and `fuzz`). -DATTUNE_CHECKS=OFF leaves it out.
option(ATTUNE_CHECKS "Also build and test with clang-14 + ASan/UBSan and run the fuzz targets (ctest -L sanitize, -L fuzz)" ON)
set(ATTUNE_FUZZ_SECONDS 5 CACHE STRING "Seconds each fuzz target runs inside ctest")
set(ATTUNE_FUZZ_LONG_SECONDS 600 CACHE STRING "Seconds each fuzz target runs for the fuzz-long target")
set(ATTUNE_FUZZ_TARGETS fuzz_scheme fuzz_scheme_import fuzz_values)
set(ATTUNE_SANITIZED_TESTS test_core test_scheme test_store test_analysis test_export test_cli)

if(ATTUNE_CHECKS AND NOT ATTUNE_SANITIZE AND NOT ATTUNE_FUZZ)
  find_program(ATTUNE_CHECKS_CXX clang++-14)
  if(NOT ATTUNE_CHECKS_CXX)
    message(WARNING "clang++-14 not found: no sanitizer and fuzz tests (./third_party/install-deps.sh installs it)")
  else()
    include(ExternalProject)
    set(ATTUNE_CHECKS_DIR ${PROJECT_BINARY_DIR}/checks CACHE PATH "Where the checks build goes")
    set(checks_dir ${ATTUNE_CHECKS_DIR})
    set(checks_targets ${ATTUNE_SANITIZED_TESTS} attune-cli durability_writer ${ATTUNE_FUZZ_TARGETS})
    list(TRANSFORM checks_targets PREPEND "--target=" OUTPUT_VARIABLE checks_target_args)
    ExternalProject_Add(checks
      SOURCE_DIR ${PROJECT_SOURCE_DIR}
      BINARY_DIR ${checks_dir}
      CMAKE_ARGS -DCMAKE_CXX_COMPILER=${ATTUNE_CHECKS_CXX}
                 -DCMAKE_BUILD_TYPE=RelWithDebInfo
                 # -O1 and line tables only: the usual for ASan, and half the compile time of -O2 -g
                 "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only"
                 -DATTUNE_SANITIZE=address,undefined -DATTUNE_FUZZ=ON -DATTUNE_CHECKS=OFF
                 -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
      BUILD_COMMAND ${CMAKE_COMMAND} --build ${checks_dir} ${checks_target_args}
      BUILD_ALWAYS ON  # its own Ninja decides what is out of date
      INSTALL_COMMAND ""
      USES_TERMINAL_BUILD ON)

    set(sanitize_env "ASAN_OPTIONS=${ATTUNE_ASAN_OPTIONS}" "UBSAN_OPTIONS=${ATTUNE_UBSAN_OPTIONS}")
    foreach(t IN LISTS ATTUNE_SANITIZED_TESTS)
      add_test(NAME sanitize.${t} COMMAND ${checks_dir}/${t} --no-intro=true)
      set_tests_properties(sanitize.${t} PROPERTIES LABELS sanitize ENVIRONMENT "${sanitize_env}" TIMEOUT 1200)
    endforeach()
    foreach(f IN LISTS ATTUNE_FUZZ_TARGETS)
      add_test(NAME fuzz.${f} COMMAND ${PROJECT_SOURCE_DIR}/tests/fuzz/run.sh --bin-dir ${checks_dir}
                                      --seconds ${ATTUNE_FUZZ_SECONDS} ${f})
      set_tests_properties(fuzz.${f} PROPERTIES LABELS fuzz ENVIRONMENT "${sanitize_env}" TIMEOUT 600)
    endforeach()
    # On demand: cmake --build build --target fuzz-long (ATTUNE_FUZZ_LONG_SECONDS per target).
    add_custom_target(fuzz-long
      COMMAND ${CMAKE_COMMAND} -E env ${sanitize_env}
              ${PROJECT_SOURCE_DIR}/tests/fuzz/run.sh --bin-dir ${checks_dir} --seconds ${ATTUNE_FUZZ_LONG_SECONDS}
              ${ATTUNE_FUZZ_TARGETS}
      DEPENDS checks
      USES_TERMINAL)
  endif()
endif()
