"""Tests of pymodpost.kernel."""
