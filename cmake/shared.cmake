# shared.cmake: libparley.so (versioned soname, only parley_* exported through cmake/parley.map).
# Not in fuzz builds: their coverage hooks come from the fuzzer's runtime, linked into each target only.
if(PARLEY_FUZZ)
  set(shared_default OFF)
else()
  set(shared_default ON)
endif()
option(PARLEY_SHARED "Build libparley.so next to libparley.a" ${shared_default})
if(PARLEY_SHARED)
  add_library(parley_shared SHARED $<TARGET_OBJECTS:parley_objects>)
  set_target_properties(parley_shared PROPERTIES
    OUTPUT_NAME parley
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR}
    LINK_DEPENDS ${CMAKE_SOURCE_DIR}/cmake/parley.map)
  target_link_options(parley_shared PRIVATE "LINKER:--version-script=${CMAKE_SOURCE_DIR}/cmake/parley.map")
  if(NOT PARLEY_SANITIZE)  # clang leaves the sanitizer runtime to the executable
    target_link_options(parley_shared PRIVATE "LINKER:--no-undefined")
  endif()
  target_include_directories(parley_shared PUBLIC $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include>
                             $<INSTALL_INTERFACE:include>)
  target_link_libraries(parley_shared PRIVATE PkgConfig::JANSSON PkgConfig::EXPAT Threads::Threads m ${CMAKE_DL_LIBS})
endif()
