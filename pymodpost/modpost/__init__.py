"""modpost"""
