# completion.cmake: fills @PARLEY_AGENTS@ of completion/parley.bash.in with what NAMES prints (cmake -P script).
execute_process(COMMAND ${NAMES} OUTPUT_VARIABLE PARLEY_AGENTS OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
configure_file(${IN} ${OUT} @ONLY)
