#!/bin/sh
# Stand-in for the native schema engine, which cannot be downloaded here.
exit 1
