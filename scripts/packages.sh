# The Debian packages erutop needs, sourced by the other scripts.
#   libgrpc-dev      gRPC C core (CGRPC); never install libupb-dev next to it: it removes libgrpc-dev
#   libncurses-dev   ncursesw (CNcurses)
#   libyaml-dev      libyaml (CYAML), for --replicas files
#   protobuf-compiler  protoc, the independent encoder the codec tests compare against
#   tmux             end-to-end tests drive erutop inside tmux
#   ncurses-base ncurses-term  terminfo entries (xterm-256color, tmux-256color, screen-256color, ...)
ERUTOP_PACKAGES=(libgrpc-dev libncurses-dev libyaml-dev protobuf-compiler tmux ncurses-base ncurses-term)

# Installs whatever of a package list is missing (apt-get update first, as on a fresh machine).
install_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${missing[@]}"
    fi
}
