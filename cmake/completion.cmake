# Writes OUTPUT, attune-cli's bash completion, from the program itself (--bash-completion).
# Run as: cmake -DPROGRAM=path/attune-cli -DOUTPUT=file -P completion.cmake
execute_process(COMMAND ${PROGRAM} --bash-completion OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --bash-completion failed (${rc})")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
