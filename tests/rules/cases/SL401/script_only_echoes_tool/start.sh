#!/bin/sh
echo "curl is installed for debugging"
exec /app
