// Owners and modes as chown/chmod and COPY --chown/--chmod write them: SL602 does not report a
// chown/chmod that leaves what the COPY already set (rules/chown_after_write.cc).
#pragma once

#include <optional>
#include <string_view>

namespace slimage::rules {

// Whether `chown OWNER` (`user`, `user:group`, `user.group`, `user:`) leaves the owner a
// `COPY --chown=COPY_OWNER` gave unchanged. Docker gives `--chown=user` the user's UID as group.
bool SameOwner(std::string_view copy_owner, std::string_view chown_owner);

// The mode `chmod MODE` (octal, or symbolic: `+x`, `u+rwx,go-w`, `a=rX`) leaves on a file whose
// mode is `mode` (umask 022 for a clause without u/g/o/a, as chmod applies it); nullopt for a
// MODE it cannot read.
std::optional<unsigned> ApplyChmod(unsigned mode, std::string_view chmod_mode, bool directory);

}  // namespace slimage::rules
