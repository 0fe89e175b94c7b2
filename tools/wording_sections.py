"""Sentences two project documents print alike (one wording, one place)."""

DURABILITY_SENTENCE = ("Okres trwałości projektu wynosi {{ durability_years|plural(\"rok\", \"lata\", \"lat\") }} od "
                       "płatności końcowej na rzecz beneficjenta (art. 65 rozporządzenia (UE) 2021/1060).")
