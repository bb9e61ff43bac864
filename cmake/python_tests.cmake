# python_tests.cmake: every tests/python/test_*.py is one ctest running Debian's python3 -m pytest on it,
# with the package from python/ over this tree's libparley.so and the CLI next to it (to compare --json).
# In the sanitizer tree the interpreter preloads the sanitizer runtimes the library was built with.
if(NOT PARLEY_SHARED OR PARLEY_FUZZ)
  return()
endif()
find_program(PARLEY_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT PARLEY_PYTHON)
  find_program(PARLEY_PYTHON NAMES python3 REQUIRED)
endif()
set(PARLEY_PYTHON_ENV
    "PARLEY_LIBRARY=$<TARGET_FILE:parley_shared>"
    "PARLEY_CLI=$<TARGET_FILE:parley_cli>"
    "PYTHONPATH=${CMAKE_SOURCE_DIR}/python"
    "PYTHONDONTWRITEBYTECODE=1"
    "PARLEY_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
    "PARLEY_SHARED_DIR=${CMAKE_SOURCE_DIR}/../shared")
if(PARLEY_SANITIZE)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so OUTPUT_VARIABLE asan_runtime
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libubsan.so OUTPUT_VARIABLE ubsan_runtime
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  # The interpreter itself is not instrumented and keeps memory until exit: leaks are checked by the RSS test.
  list(APPEND PARLEY_PYTHON_ENV "LD_PRELOAD=${asan_runtime}:${ubsan_runtime}" "ASAN_OPTIONS=detect_leaks=0"
       "PARLEY_SANITIZED=1")
endif()
file(GLOB PARLEY_PYTHON_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/python/test_*.py)
foreach(py_test ${PARLEY_PYTHON_TESTS})
  get_filename_component(py_name ${py_test} NAME_WE)
  add_test(NAME python_${py_name}
           COMMAND ${PARLEY_PYTHON} -m pytest -q -p no:cacheprovider ${py_test}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set(py_env ${PARLEY_PYTHON_ENV})
  if(PARLEY_SANITIZE AND py_name STREQUAL "test_memory")
    # freed blocks wait in ASan's quarantine (256 MB) before reuse: without it RSS measures the program again
    list(TRANSFORM py_env REPLACE "^ASAN_OPTIONS=.*" "ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=0")
  endif()
  if(NOT py_name STREQUAL "test_memory" AND NOT py_name STREQUAL "test_install")
    # Python's debug allocator fills freed memory with 0xDD: a C pointer kept into a freed Python object (a bytes
    # temporary passed through ctypes) then reads garbage every time, not only when the memory happens to be reused
    # (test_memory measures RSS and test_install runs pip: both keep the normal allocator)
    list(APPEND py_env "PYTHONMALLOC=debug")
  endif()
  set(py_timeout ${PARLEY_TEST_TIMEOUT_SCALED})
  if(py_name STREQUAL "test_install")
    # builds a wheel, makes a venv with pip, installs twice and runs the docs' examples twice: ~5 min on a busy
    # 2-core machine
    math(EXPR py_timeout "${PARLEY_TEST_TIMEOUT_SCALED} * 2")
  endif()
  set_tests_properties(python_${py_name} PROPERTIES ENVIRONMENT "${py_env}" TIMEOUT ${py_timeout})
endforeach()
