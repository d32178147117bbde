# Sanitizers and libFuzzer for every target configured after this file is included
# (docs/testing.md).
#   -DATTUNE_SANITIZE=address,undefined   ASan + UBSan (clang or gcc)
#   -DATTUNE_SANITIZE=thread              TSan
#   -DATTUNE_FUZZ=ON                      the libFuzzer targets fuzz_* (clang only); all code
#                                         gets coverage instrumentation for them
set(ATTUNE_SANITIZE "" CACHE STRING "Sanitizers for every target: address,undefined | thread | empty")
option(ATTUNE_FUZZ "Build the libFuzzer targets (clang)" OFF)

if(ATTUNE_SANITIZE)
  # Strict: the first finding stops the program (no "recover and go on" for UBSan).
  add_compile_options(-fsanitize=${ATTUNE_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${ATTUNE_SANITIZE} -fno-sanitize-recover=all)
endif()

if(ATTUNE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ATTUNE_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# The options every sanitized program runs with (ctest passes them; so does tests/fuzz/run.sh).
set(ATTUNE_ASAN_OPTIONS "halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:strict_string_checks=1")
set(ATTUNE_UBSAN_OPTIONS "halt_on_error=1:print_stacktrace=1")
set(ATTUNE_TSAN_OPTIONS "halt_on_error=1:second_deadlock_stack=1")
