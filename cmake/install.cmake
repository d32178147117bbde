# Installing Attune like any desktop program, and its Debian package (docs/install.md):
# the two programs, the shipped schemes and the DDL/JSON Schemas under share/attune, a
# desktop entry and icon, man pages written from the programs' real --help, bash completion
# written from attune-cli's own command tree; CPack makes attune_<version>_amd64.deb.
include(GNUInstallDirs)

install(TARGETS attune attune-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The programs carry these compiled in (cmake/embed.cmake); the copies are for people:
# schemes to start a new one from, the DDL and the JSON Schemas of the files Attune reads and writes.
install(DIRECTORY samples/schemes/ DESTINATION ${CMAKE_INSTALL_DATADIR}/attune/schemes FILES_MATCHING PATTERN "*.json")
install(DIRECTORY schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/attune/schemas
        FILES_MATCHING PATTERN "*.sql" PATTERN "*.json")
install(FILES packaging/attune.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES packaging/attune.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} FILES_MATCHING PATTERN "*.md" PATTERN "*.png")

set(packaging_dir ${PROJECT_BINARY_DIR}/packaging)
set(packaging_outputs "")

# PNG icons rendered from the SVG (librsvg2-bin's rsvg-convert).
find_program(RSVG_CONVERT rsvg-convert)
if(RSVG_CONVERT)
  foreach(size 16 32 48 64 128 256)
    set(png ${packaging_dir}/icons/${size}x${size}/attune.png)
    add_custom_command(OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${packaging_dir}/icons/${size}x${size}
      COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${PROJECT_SOURCE_DIR}/packaging/attune.svg
      DEPENDS ${PROJECT_SOURCE_DIR}/packaging/attune.svg VERBATIM)
    list(APPEND packaging_outputs ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
else()
  message(WARNING "rsvg-convert not found: no PNG icons (./third_party/install-deps.sh installs librsvg2-bin)")
endif()

# Man pages from the programs' --help (help2man): rewritten whenever a program is rebuilt.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  foreach(program attune attune-cli)
    if(program STREQUAL "attune")
      set(description "code recorded parent-child sessions against a coding scheme")
      set(subcommands OFF)
    else()
      set(description "code, review and export parent-child sessions from the command line")
      set(subcommands ON)
    endif()
    set(page ${packaging_dir}/man/${program}.1.gz)
    add_custom_command(OUTPUT ${page}
      COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${program}> -DNAME=${program} -DDESCRIPTION=${description}
              -DOUTPUT=${page} -DWORK=${packaging_dir}/man -DSUBCOMMANDS=${subcommands}
              -DEXTRA=${PROJECT_SOURCE_DIR}/packaging/${program}.h2m
              -P ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
      DEPENDS ${program} ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake ${PROJECT_SOURCE_DIR}/packaging/${program}.h2m
      COMMENT "Writing the ${program}(1) man page from its --help" VERBATIM)
    list(APPEND packaging_outputs ${page})
    install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endforeach()
else()
  message(WARNING "help2man not found: no man pages (./third_party/install-deps.sh installs it)")
endif()

# bash completion from attune-cli's own command tree (attune-cli --bash-completion).
set(completion ${packaging_dir}/attune-cli.bash)
add_custom_command(OUTPUT ${completion}
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:attune-cli> -DOUTPUT=${completion}
          -P ${PROJECT_SOURCE_DIR}/cmake/completion.cmake
  DEPENDS attune-cli ${PROJECT_SOURCE_DIR}/cmake/completion.cmake
  COMMENT "Writing attune-cli's bash completion from its command tree" VERBATIM)
list(APPEND packaging_outputs ${completion})
install(FILES ${completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME attune-cli)

add_custom_target(packaging-files ALL DEPENDS ${packaging_outputs})

# `cmake --install` and cpack install what is built; they do not build "all" first (which
# includes the checks build), so the package test does not rebuild the project.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# ---- the Debian package: cpack -G DEB in the build folder --------------------------------
set(CPACK_PACKAGE_NAME attune)
set(CPACK_PACKAGE_VENDOR "Attune")
set(ATTUNE_PACKAGE_MAINTAINER "Attune maintainers <attune@localhost>" CACHE STRING
    "The .deb's Maintainer field: who builds the package for your site")
set(CPACK_PACKAGE_CONTACT "${ATTUNE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "code recorded parent-child sessions against a coding scheme")
set(CPACK_PACKAGE_DESCRIPTION "Attune is a keyboard-first desktop tool in which a clinician codes recorded
parent-child sessions against a coding scheme, supervisors review and
researchers export summaries, agreement and reports. It ships the attune
window and the attune-cli command-line tool.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY attune)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # attune_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages from dpkg-shlibdeps (dpkg-dev); and what is run or read at
# run time: ffmpeg/ffprobe (the demo video, a video's rate and duration), the UI font.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "ffmpeg, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "bash-completion")
include(CPack)
