# shared.cmake: libparley.so (versioned soname, only parley_* exported through cmake/parley.map).
option(PARLEY_SHARED "Build libparley.so next to libparley.a" ON)
if(PARLEY_SHARED)
  add_library(parley_shared SHARED $<TARGET_OBJECTS:parley_objects>)
  set_target_properties(parley_shared PROPERTIES
    OUTPUT_NAME parley
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR}
    LINK_DEPENDS ${CMAKE_SOURCE_DIR}/cmake/parley.map)
  target_link_options(parley_shared PRIVATE "LINKER:--version-script=${CMAKE_SOURCE_DIR}/cmake/parley.map"
                      "LINKER:--no-undefined")
  target_include_directories(parley_shared PUBLIC $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include>
                             $<INSTALL_INTERFACE:include>)
  target_link_libraries(parley_shared PRIVATE PkgConfig::JANSSON PkgConfig::EXPAT PkgConfig::MHD PkgConfig::SQLITE
                        PkgConfig::NETTLE Threads::Threads m ${CMAKE_DL_LIBS})
endif()
