#!/bin/sh
set -e
if ! curl -fsS http://localhost:8080/health; then
  exit 1
fi
