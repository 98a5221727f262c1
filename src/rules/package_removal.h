// Whether a RUN removes again a package it installed: rules that report what an install leaves in
// the image (SL102 toolchains, SL401 debugging tools) stay quiet when the same RUN takes it out.
#pragma once

#include <string_view>

#include "shell/operations.h"
#include "shell/run_analysis.h"

namespace slimage::rules {

// apt, apk, yum/dnf/microdnf, zypper: the managers of the system's packages.
bool IsSystemManager(shell::PackageManager manager);

// yum, dnf and microdnf share one package database; every other manager is its own family.
bool SameFamily(shell::PackageManager a, shell::PackageManager b);

// True when a command of `analysis` after `install` removes `package`: a remove/purge/del of the
// same package manager family naming it (or naming `install`'s --virtual group, or through a
// variable whose value is not known: the author is trusted), or the docker-library idiom
// `apt-mark auto '.*'` (or `apt-mark showmanual | xargs apt-mark auto`) followed by
// `apt-get purge --auto-remove` / `apt-get autoremove`, which removes everything installed since
// `savedAptMark="$(apt-mark showmanual)"` that nothing marked manual again.
bool RemovedLater(const shell::RunAnalysis& analysis, const shell::PackageOperation& install,
                  std::string_view package);

// True for the apt-mark idiom alone: everything `install` brought in (its Recommends too) goes.
bool AptMarkAutoThenAutoremove(const shell::RunAnalysis& analysis, const shell::PackageOperation& install);

}  // namespace slimage::rules
