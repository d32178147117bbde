# Writes a man page from a program's real --help (help2man), so the page cannot drift from
# the program. For a program with subcommands (attune-cli) every command's own --help goes
# into a COMMANDS section, found by walking the "Subcommands:" lists of the help output.
# Run as: cmake -DPROGRAM=path -DNAME=attune-cli -DDESCRIPTION="..." -DOUTPUT=x.1.gz
#               -DWORK=dir [-DSUBCOMMANDS=ON] [-DEXTRA=more.h2m] -P manpage.cmake
# EXTRA: hand-written sections in help2man's include format (packaging/NAME.h2m).
find_program(HELP2MAN help2man REQUIRED)
find_program(GZIP gzip REQUIRED)
file(MAKE_DIRECTORY ${WORK})
set(include_file ${WORK}/${NAME}.h2m)

# The names listed under "Subcommands:" in a --help text.
function(subcommands_of help out)
  string(REPLACE "\n" ";" lines "${help}")
  set(names "")
  set(inside OFF)
  foreach(line IN LISTS lines)
    if(line MATCHES "^Subcommands:")
      set(inside ON)
    elseif(inside AND line MATCHES "^  ([a-z][a-z0-9-]*)( |$)")
      list(APPEND names ${CMAKE_MATCH_1})
    elseif(inside AND NOT line STREQUAL "")
      set(inside OFF)
    endif()
  endforeach()
  set(${out} ${names} PARENT_SCOPE)
endfunction()

# roff for one command and, depth first, its subcommands.
function(describe words out)
  execute_process(COMMAND ${PROGRAM} ${words} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} ${words} --help failed (${rc})")
  endif()
  string(REPLACE ";" " " title "${words}")
  # No roff requests at line starts, backslashes doubled, so the help shows as written.
  string(REPLACE "\\" "\\e" body "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" body "${body}")
  set(text ".SS \"${NAME} ${title}\"\n.nf\n${body}.fi\n")
  subcommands_of("${help}" subs)
  foreach(sub IN LISTS subs)
    describe("${words};${sub}" sub_text)
    string(APPEND text "${sub_text}")
  endforeach()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(include_text "")
if(EXTRA)
  file(READ ${EXTRA} include_text)
endif()
if(SUBCOMMANDS)
  execute_process(COMMAND ${PROGRAM} --help OUTPUT_VARIABLE top_help)
  subcommands_of("${top_help}" commands)
  string(APPEND include_text "[COMMANDS]\nEach command's own help, as `${NAME} COMMAND --help` prints it.\n")
  foreach(command IN LISTS commands)
    describe("${command}" text)
    string(APPEND include_text "${text}")
  endforeach()
endif()
string(APPEND include_text "[SEE ALSO]\n.BR attune (1),\n.BR attune-cli (1).\nThe documentation in /usr/share/doc/attune.\n")
file(WRITE ${include_file} "${include_text}")

set(page ${WORK}/${NAME}.1)
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --locale=C.UTF-8 --name=${DESCRIPTION} --section=1
                        --include=${include_file} --output=${page} ${PROGRAM}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man ${PROGRAM} failed (${rc})")
endif()
# help2man writes the date of the run; SOURCE_DATE_EPOCH makes it reproducible if set.
execute_process(COMMAND ${GZIP} -9 -n -f ${page} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip ${page} failed")
endif()
file(RENAME ${page}.gz ${OUTPUT})
