# install.cmake: `make install PREFIX=...`: the binary, libparley.so and .a, headers, parley.pc, the CMake
# package (find_package(parley)), man pages generated from --help (cmake/help2man.sh) and bash completion.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS parley_cli parley_serve parley_mpi RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/parley DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# The static library links the pkg-config imported targets; the installed config recreates them.
set(PARLEY_EXPORTED parley parley_server)
if(PARLEY_SHARED)
  list(APPEND PARLEY_EXPORTED parley_shared)
endif()
install(TARGETS ${PARLEY_EXPORTED} EXPORT parleyTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set(PARLEY_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/parley)
install(EXPORT parleyTargets NAMESPACE parley:: DESTINATION ${PARLEY_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/parleyConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/parleyConfig.cmake INSTALL_DESTINATION ${PARLEY_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/parleyConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/parleyConfig.cmake ${CMAKE_BINARY_DIR}/parleyConfigVersion.cmake
        DESTINATION ${PARLEY_CMAKE_DIR})

# pkg-config: prefix written at install time, so that `cmake --install --prefix P` gives a parley.pc (libparley)
# and a parley-server.pc (libparley_server.a and what it links) for P.
install(CODE "
  set(CMAKE_INSTALL_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(CMAKE_INSTALL_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  foreach(pc parley parley-server)
    configure_file(\"${CMAKE_SOURCE_DIR}/cmake/\${pc}.pc.in\" \"${CMAKE_BINARY_DIR}/\${pc}.pc\" @ONLY)
    file(INSTALL \"${CMAKE_BINARY_DIR}/\${pc}.pc\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\")
  endforeach()
")

# Man pages: parley.1 and one per command `parley --help` lists, converted from their --help text at build
# time (cmake/help2man.sh), so they cannot drift, and a command added to the CLI gets its page.
set(PARLEY_MAN_STAMP ${CMAKE_BINARY_DIR}/man/.generated)
add_custom_command(OUTPUT ${PARLEY_MAN_STAMP}
                   COMMAND sh ${CMAKE_SOURCE_DIR}/cmake/help2man.sh $<TARGET_FILE:parley_cli> ${CMAKE_BINARY_DIR}/man
                   COMMAND ${CMAKE_COMMAND} -E touch ${PARLEY_MAN_STAMP}
                   DEPENDS parley_cli ${CMAKE_SOURCE_DIR}/cmake/help2man.sh
                   COMMENT "man pages from parley --help")
add_custom_target(parley_man ALL DEPENDS ${PARLEY_MAN_STAMP})
install(DIRECTORY ${CMAKE_BINARY_DIR}/man/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 FILES_MATCHING PATTERN "*.1")

# Bash completion: completion/parley.bash.in with the built-in agents' names filled in.
add_executable(parley_agent_names ${CMAKE_SOURCE_DIR}/cmake/agent_names.c)
target_link_libraries(parley_agent_names PRIVATE parley)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/completion/parley
                   COMMAND ${CMAKE_COMMAND} -DNAMES=$<TARGET_FILE:parley_agent_names>
                           -DIN=${CMAKE_SOURCE_DIR}/completion/parley.bash.in -DOUT=${CMAKE_BINARY_DIR}/completion/parley
                           -P ${CMAKE_SOURCE_DIR}/cmake/completion.cmake
                   DEPENDS parley_agent_names ${CMAKE_SOURCE_DIR}/completion/parley.bash.in
                           ${CMAKE_SOURCE_DIR}/cmake/completion.cmake
                   COMMENT "bash completion")
add_custom_target(parley_completion ALL DEPENDS ${CMAKE_BINARY_DIR}/completion/parley)
install(FILES ${CMAKE_BINARY_DIR}/completion/parley DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
