#!/bin/sh
cd /work/wt-parts
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/attune_parts_shots AUTH_SECRET=partsshotsecretpartsshotsecret1234567890 APP_URL=http://127.0.0.1:3400 AUTH_URL=http://127.0.0.1:3400 AUTH_TRUST_HOST=true
exec nice -n 5 npx next start -p 3400 -H 127.0.0.1
