#!/bin/sh
set -e
cd /srv/repo && gosu app git pull --ff-only
exec gosu app "$@"
