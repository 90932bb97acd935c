"""Tests of pymodpost.load."""
