# ferry-cli snippet, end to end: runs the built executable.
ferry_add_test(NAME tst_cli_snippet SOURCES tst_cli_snippet.cpp LIBS ferry_core ferry_testsupport)
add_dependencies(tst_cli_snippet ferry-cli)
