# `ferry-cli send` end to end: runs the built executable against servers on 127.0.0.1.
ferry_add_test(NAME tst_cli_send SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cli_send.cpp
               LIBS ferry_testsupport)
add_dependencies(tst_cli_send ferry-cli)
