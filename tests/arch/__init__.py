"""Tests of pymodpost.arch."""
