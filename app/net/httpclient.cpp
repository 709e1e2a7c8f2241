#include "net/httpclient.h"
