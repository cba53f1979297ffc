"""sources/sheets"""
