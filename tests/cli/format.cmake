# `ferry-cli format`, run as a real process.
ferry_add_test(NAME tst_cli_format SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_cli_format.cpp
               LIBS ferry_core ferry_testsupport)
add_dependencies(tst_cli_format ferry-cli)
