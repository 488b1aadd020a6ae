#!/bin/sh
# Installs what the notebooks need on Debian/Ubuntu (no duckdb Python package needed: the notebooks use
# the DuckDB JDBC jar through JPype when it is absent). Run as root.
set -e
apt-get update
apt-get install -y jupyter-nbconvert python3-nbconvert python3-ipykernel python3-jpype python3-pandas python3-matplotlib
